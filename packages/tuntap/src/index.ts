/** @ssh/tuntap: tun@openssh.com channels, layer 2/3 tunnels, local TUN/TAP devices. */
export {};
