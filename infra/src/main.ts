import { App } from 'cdktf';
import { loadEnvironments } from './config/load.js';
import { CodeSyncStack } from './stack.js';

// Entry point of `cdktf synth` (cdktf.json "app"): one stack per environment,
// `<project>-<env>`. Reads no AWS credentials and reaches no network.
const app = new App();
for (const config of loadEnvironments(process.env)) {
  new CodeSyncStack(app, `${config.project}-${config.name}`, config);
}
app.synth();
