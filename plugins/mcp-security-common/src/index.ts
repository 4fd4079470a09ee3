/**
 * Types, vocabularies, request schemas, permissions and annotation keys shared
 * by the MCP Security plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './changes';
export * from './launch';
export * from './mcpServer';
export * from './paths';
export * from './permissions';
export * from './requests';
export * from './schedule';
export * from './tools';
export * from './types';
export * from './vocabulary';
