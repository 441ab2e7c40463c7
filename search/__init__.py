"""resolu.search"""
