"""Writers of the documents the office prints or sends: xlsx workbooks (openpyxl) and PDFs (reportlab).

fonts.py owns the bundled CJK fonts every PDF uses; writers take plain rows and return a path.
"""
