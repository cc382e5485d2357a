"""The lessons chapter and the glossary of roles (`data/lessons/`).

`spec` reads and validates `lessons.yml`; `inputs` reads what the lessons draw on from other
domains' data (evidence records, the survey code book) without their code; `survey_results`
reads the survey chapter's published estimates; `tables`, `summaries` and `plots` build what
the chapter shows; `chapter.LessonsChapter` and `glossary_chapter.GlossaryChapter` are the
façades the notebooks call.
"""
