import { createApp } from './app.js';
import { loadEnvironments } from './config/load.js';
import { InfraConfigError } from './config/schema.js';

// Entry point of `cdktf synth` (cdktf.json "app"). Reads no AWS credentials
// and reaches no network: the output is Terraform JSON in cdktf.out/.
try {
  createApp({ configs: loadEnvironments(process.env) }).synth();
} catch (error) {
  // A config problem is the operator's to fix: say what, not where in this code.
  if (!(error instanceof InfraConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
