"""A syntax error."""

def EXERCISE(:
    pass
