// Workspace Trust (package.json `capabilities.untrustedWorkspaces: limited`). In Restricted Mode the language server
// runs the built-in packs only: workspace packs, .hindsight/config.yaml, npm and URL packs and git stay off (the
// server decides, from initializationOptions.trustedWorkspace). A status bar item says so and offers to trust the
// folder; when the user does, the server is told and reloads its packs: no restart, no reload of the window.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceTrustNotification } from '../../server/src/shared/protocol';

export const RESTRICTED_LABEL = 'Restricted Mode: workspace packs off';
export const RESTRICTED_DETAIL =
  'Hindsight runs its built-in packs only. Workspace packs (.hindsight/packs), .hindsight/config.yaml, npm and URL packs, relative pack paths and git stay off until you trust this folder.';

export class WorkspaceTrustUi implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('hindsight.restricted', vscode.StatusBarAlignment.Left, 49);
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly client: LanguageClient,
    /** Called once trust is granted, after the server was told (the panel's message changes). */
    private readonly onGranted: () => void,
  ) {
    this.item.name = 'Hindsight Restricted Mode';
    this.item.text = `$(shield) ${RESTRICTED_LABEL}`;
    this.item.tooltip = `${RESTRICTED_DETAIL} Click to trust it.`;
    this.item.command = 'hindsight.trustWorkspace';
    this.item.accessibilityInformation = { label: `Hindsight: ${RESTRICTED_LABEL}. ${RESTRICTED_DETAIL}` };
    this.subs = [
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.granted()),
      vscode.commands.registerCommand('hindsight.trustWorkspace', () => vscode.commands.executeCommand('workbench.trust.manage')),
    ];
    this.update();
  }

  get restricted(): boolean {
    return !vscode.workspace.isTrusted;
  }

  /** The status bar item's text while it shows, else undefined (for tests). */
  get statusText(): string | undefined {
    return this.restricted ? this.item.text : undefined;
  }

  private update(): void {
    if (this.restricted) this.item.show();
    else this.item.hide();
  }

  private async granted(): Promise<void> {
    this.update();
    // A stopped client has nothing to tell: its next start reads the trust into initializationOptions.
    await this.client.sendNotification(WorkspaceTrustNotification.method, { trusted: true }).catch(() => undefined);
    this.onGranted();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}
