"""A module that defines nothing the tests ask for."""
