import type { Scenario } from '../scenario.js';
import { fanOutScenario } from './s1-fanout.js';

export const SCENARIOS: Scenario[] = [fanOutScenario];
