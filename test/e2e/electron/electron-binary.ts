// The suite and `npm start` decide "is Electron here?" the same way.
export { findElectronBinary, type ElectronBinary } from '../../../main/cli/electron-binary.js';
