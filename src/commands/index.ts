// The command table. Each entry's register() is light; its run() loads what it needs.
// Register a command here only when it works (no stubs).
import type { CommandModule } from '../cli/context.js';
import { analyzeCommand } from './analyze.js';
import { completionCommand } from './completion.js';
import { experimentalCommand } from './experimental.js';
import { installCommand } from './install.js';
import { kubeInjectCommand } from './kube-inject.js';
import { manifestCommand } from './manifest.js';
import { profileCommand } from './profile.js';
import { proxyConfigCommand } from './proxy-config.js';
import { proxyStatusCommand } from './proxy-status.js';
import { uninstallCommand } from './uninstall.js';
import { validateCommand } from './validate.js';
import { verifyInstallCommand } from './verify-install.js';
import { versionCommand } from './version.js';

export const commandModules: CommandModule[] = [
  analyzeCommand,
  completionCommand,
  experimentalCommand,
  installCommand,
  kubeInjectCommand,
  manifestCommand,
  profileCommand,
  proxyConfigCommand,
  proxyStatusCommand,
  uninstallCommand,
  validateCommand,
  verifyInstallCommand,
  versionCommand,
];
