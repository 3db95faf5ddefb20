import { promoteStep } from '@mlci/core';
import { runAction } from '@mlci/github';

await runAction(promoteStep);
