"""Contract suites for the ports: subclass one, provide the factory fixture, and every
implementation (the in-memory fake and the real adapter) is held to the same laws."""
