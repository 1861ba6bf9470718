const c = await import('/work/main/packages/crypto/src/index.node.ts');
console.log(
  c.PRIVATE_KEY_FORMATS.map((f) => JSON.stringify(Object.keys(f)) + f.name),
  c.PUBLIC_KEY_FORMATS.map((f) => f.name),
);
console.log(
  Object.getOwnPropertyNames(c.SSHCertificate.prototype),
  Object.getOwnPropertyNames(c.SSHKey.prototype),
);
