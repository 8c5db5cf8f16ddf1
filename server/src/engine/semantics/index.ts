// The semantic model: names and types without a compiler (issue 17). Build a SemanticProject over a host that
// reads files, then ask `project.model(path)` about the nodes of that file's tree.
export { SemanticProject, type SemanticProjectOptions } from './project';
export type { FileChange } from './incremental';
export { SemanticModel, type Reference } from './model';
export type { CallTarget, CallOptions } from './calls';
export { parseRemappings, resolveImportPath, importCandidates, normalizePath, type Remapping, type SourceHost } from './imports';
export { linearize } from './linearize';
export type {
  BuiltinSymbol,
  ContractKind,
  ContractSymbol,
  Declaration,
  EnumSymbol,
  EnumValueSymbol,
  ErrorSymbol,
  EventSymbol,
  FileSymbols,
  FunctionSymbol,
  MemberSymbol,
  ModifierSymbol,
  ModuleSymbol,
  StructSymbol,
  UserTypeSymbol,
  UsingForSymbol,
  VariableKind,
  VariableSymbol,
} from './symbols';
export { fileSymbols } from './symbols';
export { typeToString, sameType, type DataLocation, type FunctionType, type SolType } from './types';
