import type { Scenario } from '../scenario.js';
import { fanOutScenario } from './s1-fanout.js';
import { latencyScenario } from './s2-latency.js';
import { crossInstanceScenario } from './s3-cross-instance.js';
import { memoryScenario } from './s4-memory.js';
import { coldLoadScenario } from './s5-cold-load.js';
import { reconnectScenario } from './s6-reconnect.js';
import { pairsScenario } from './s7-pairs.js';

export const SCENARIOS: Scenario[] = [fanOutScenario, latencyScenario, crossInstanceScenario, memoryScenario, coldLoadScenario, reconnectScenario, pairsScenario];
