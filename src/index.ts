/** The browser SDK's main entry: importing it defines `<mitid-login>`. */
export * from './define.js';
export * from './protocol/wire.js';
export * from './protocol/rules.js';
