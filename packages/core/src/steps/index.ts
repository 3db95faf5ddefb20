import type { StepDefinition } from '../step';
import { buildImageStep } from './build-image';
import { evaluateStep } from './evaluate';
import { promoteStep } from './promote';
import { trainStep } from './train';
import { validateDataStep } from './validate-data';

/** Every step mlci ships, in pipeline order. Front ends list and dispatch from here. */
export const steps: readonly StepDefinition[] = [
  validateDataStep as unknown as StepDefinition,
  trainStep as unknown as StepDefinition,
  evaluateStep as unknown as StepDefinition,
  buildImageStep as unknown as StepDefinition,
  promoteStep as unknown as StepDefinition,
];

export function findStep(name: string): StepDefinition | undefined {
  return steps.find((step) => step.name === name);
}

export { buildImageStep, evaluateStep, promoteStep, trainStep, validateDataStep };
