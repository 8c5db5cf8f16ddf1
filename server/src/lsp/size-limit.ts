// Open documents past the CLI's default file limit are not analysed: a generated or flattened file of a few
// megabytes costs the parser, the model and the semantic tokens about 200 times its size in memory, and the server
// runs with a 1 GB heap (server-exec-argv.json) so that one document cannot take the machine; past it the server
// would die and every document would lose its diagnostics.
import { overSizeLimit, utf8Size } from '../project/run-scan';

/** Why an open document is not analysed, or undefined when it is. */
export function documentTooLarge(text: string): string | undefined {
  const reason = overSizeLimit(utf8Size(text), "the CLI's --max-file-size default");
  return reason && `Hindsight: ${reason}; scan generated or flattened code with the CLI and a larger --max-file-size.`;
}
