"""The plan both chart test files draw."""

# Invented for these tests: one recommendation, a target revised twice, a done action, an
# ongoing one (not drawn), and text that would break a drawing or a paragraph.
PLAN = """\
format: 2
plan: {id: charted, title: Charted plan, organisation: Testborough, source: Invented}
recommendations:
  - id: "1"
    title: "Mend <things> & $x$ \\u202eevil"
    actions:
      - id: "1.1"
        text: "Do it </svg><script>alert(1)</script>"
        owners: [Officer]
        target: 2020-01
        revisions:
          - {date: 2020-01-20, target: 2020-03, reason: late, approved_by: Board,
             approved_at: 2020-01-21}
          - {date: 2020-03-20, target: 2020-05-15, reason: later, approved_by: Board,
             approved_at: 2020-03-21}
        status: done
        completed: 2020-05-20
      - id: "1.2"
        text: "Line one\\rline two"
        owners: [Officer]
        target: 2020-02
      - id: "1.3"
        text: Keep going
        owners: [Officer]
        target: ongoing
"""
