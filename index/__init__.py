"""resolu.index"""
