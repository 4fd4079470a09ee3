export interface Config {
  /** Configuration of the MCP Security plugin. */
  mcpSecurity?: {
    /**
     * Catalog kinds that count as MCP servers when their `spec.type` is
     * `mcp-server`. Defaults to API and Component.
     */
    kinds?: string[];
    serverJson?: {
      /** Largest server.json read, in bytes; a larger file becomes a finding. Defaults to 262144. */
      maxBytes?: number;
    };
  };
}
