import { evaluateStep } from '@mlci/core';
import { runAction } from '@mlci/github';

await runAction(evaluateStep);
