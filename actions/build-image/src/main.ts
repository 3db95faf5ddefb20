import { buildImageStep } from '@mlci/core';
import { runAction } from '@mlci/github';

await runAction(buildImageStep);
