"""The output stage: words and formats, tables, charts, the workbook and the report page.

Everything here takes what the compute stage returns (counts, the compliance frame, the
progress frames) and renders or writes it; nothing here reads input files or computes a
verdict. ``labels`` holds every vi/en word and number format; ``tables`` the publication
tables; ``plots*`` the charts (they only draw); ``workbook`` the Excel writer; ``report``
the page and the folder of files; ``_files`` the safe writing of files.
"""
