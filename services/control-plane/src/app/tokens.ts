/** Injection tokens for the values createControlPlane builds before Nest starts. */
export const CONFIG = Symbol('ControlPlaneConfig');
export const LOGGER = Symbol('Logger');
export const DATABASE = Symbol('Database');
