// The Zhengce extension: starts `zhengce lsp` for .zc files and connects VS Code to it. Everything
// the editor shows (diagnostics, hover, completion, rename, formatting, fixes) comes from the server;
// this file only finds the executable, passes the settings and restarts the server on request.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function makeClient(): LanguageClient {
  const config = vscode.workspace.getConfiguration("zhengce");
  const command = config.get<string>("path", "zhengce");
  const lang = config.get<string>("lang", "zh");
  const debounce = String(config.get<number>("debounceMs", 150));
  const run = { command, args: ["--lang", lang, "lsp", "--debounce-ms", debounce] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "zhengce" },
      { scheme: "untitled", language: "zhengce" },
    ],
    initializationOptions: { lang },
  };
  return new LanguageClient("zhengce", "Zhengce 政策", serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = makeClient();
  context.subscriptions.push(
    vscode.commands.registerCommand("zhengce.restartServer", async () => {
      if (client) await client.stop();
      client = makeClient();
      await client.start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("zhengce")) await vscode.commands.executeCommand("zhengce.restartServer");
    }),
  );
  try {
    await client.start();
  } catch (err) {
    void vscode.window.showErrorMessage(
      `无法启动 zhengce lsp（${String(err)}）。请在设置 zhengce.path 中写明 zhengce 可执行文件的路径。`,
    );
  }
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
