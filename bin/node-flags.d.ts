/** See node-flags.js. */
export declare const NODE_FLAGS: readonly string[];
