import { trainStep } from '@mlci/core';
import { runAction } from '@mlci/github';

await runAction(trainStep);
