/** @ssh/ssh: The umbrella: the whole AsyncSSH-style API, re-exporting every package. */
export {};
