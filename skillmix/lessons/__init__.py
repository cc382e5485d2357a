"""The lessons chapter and the glossary of roles (`data/lessons/`).

`spec` reads and validates `lessons.yml` (lessons, the study's published recommendations and
where they were published); `claims` checks what each lesson says against its records
(countries, timing, outcomes) and `neutrality` flags unattributed evaluative words, in the
lessons, the glossary and the historical parallels; `inputs` reads what the lessons draw on
from other domains' data (evidence records, the survey code book) without their code; `survey_results`
reads the survey chapter's published estimates; `tables`, `summaries` and `plots` build what
the chapter shows; `chapter.LessonsChapter` and `glossary_chapter.GlossaryChapter` are the
façades the notebooks call.
"""
