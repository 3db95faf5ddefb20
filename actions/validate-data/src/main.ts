import { validateDataStep } from '@mlci/core';
import { runAction } from '@mlci/github';

await runAction(validateDataStep);
