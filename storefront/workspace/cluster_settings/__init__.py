"""The cluster manager's settings: packaging options, shipping zones and methods, fee rate."""
