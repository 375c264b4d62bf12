"""The simulated web services, one Flask app factory per host."""
