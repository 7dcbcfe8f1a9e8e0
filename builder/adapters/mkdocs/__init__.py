"""adapters/mkdocs"""
