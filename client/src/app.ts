// What the commands share: the running pieces of the extension, created once in activate().
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FindingDetails } from '../../server/src/shared/protocol';
import type { FindingsModel } from './findingsModel';
import type { FindingsTreeProvider, Node } from './findingsTree';
import type { TriageStore } from './triageStore';
import type { DetailsView } from './detailsView';
import type { DiagnosticsFilter } from './serverClient';
import type { Baselines } from './baseline';
import type { StatusBar } from './statusBar';

export interface App {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  client: LanguageClient;
  model: FindingsModel;
  tree: FindingsTreeProvider;
  view: vscode.TreeView<Node>;
  triage: TriageStore;
  detailsView: DetailsView;
  diagnostics: DiagnosticsFilter;
  baselines: Baselines;
  statusBar: StatusBar;
  /** Finding metadata from the server, cached per pack and id until packs reload. */
  details(findingId: string, pack: string): Promise<FindingDetails | null>;
  /** Re-reads every finding from the server. */
  refresh(): Promise<void>;
}
