/**
 * Types, vocabularies, annotation keys and helpers shared by the MCP Security plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './mcpServer';
export * from './types';
export * from './vocabulary';
