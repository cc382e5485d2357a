"""The staff survey on ACP and PA roles: code book, synthetic responses, loaders, validation,
weighting, estimates, comparisons, free text, disclosure control, charts, and the chapter
façade (`chapter.SurveyChapter`) that the survey notebook calls."""
