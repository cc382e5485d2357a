# Reference values for the survey chapter's estimator, computed with R's `survey` package.
#
# Run from the project root (the paths below are relative to it):
#
#   Rscript tests/reference/r_survey_reference.R [output.csv [responses.csv]]
#
# (default output: tests/fixtures/survey/r_survey_reference.csv; default responses:
# tests/fixtures/survey/r_reference_responses.csv, a frozen copy of the synthetic responses
# the stored values were computed from, i.e. the file that was
# data/survey/synthetic_responses.csv when the script was run, sha256
# 8670b5b33d28e7cb0f1174e2f005aaf1e9fa7b32fa9d47f4f2a16049dcbeb356). R is NOT needed by
# `make test`: tests/test_survey_reference.py compares skillmix with the stored CSV, and
# re-runs this script only when Rscript and the survey package are available.
#
# What is computed, for the current wave of the responses file:
# * design: svydesign(ids = ~1, weights = ~1): single stage, no strata or clusters, equal
#   starting weights (skillmix starts from base weight 1 for every respondent);
# * weighted: rake() to the profession and setting margins of
#   data/survey/population_margins.csv, population totals = share x number of respondents
#   (skillmix's targets are share x sum of base weights = share x n), no trimming.
#   rake()'s default control (maxit = 10, epsilon = 1, i.e. stop when no cell total of the
#   profession x setting table moves by 1 or more) is tightened to maxit = 1000,
#   epsilon = 1e-13 (an epsilon below 1 is relative to the sum of weights: 2e-10 here), so
#   the weights are converged to rounding, like skillmix's (tol 1e-10 on margin shares);
# * unweighted: the same design before raking;
# * for every item column x role (<item>__acp, <item>__pa): the domain of substantive
#   answers (codes 1-5; don't know 9 and blank are outside it) as subset() of the design;
#   p = proportion agreeing (4 or 5) and its SE from svymean(), the 95% interval from
#   svyciprop(method = "logit") (Student's t on degf(subset) = n_domain - 1 df).
#   svyciprop fits svyglm(family = quasibinomial) with glm's default convergence
#   (epsilon = 1e-8 on the deviance) and passes no control argument, so its interval is
#   centred on a logit that can differ from svymean's p by about 1e-9; the Python test's
#   tolerance for interval bounds (1e-8) allows for that (see the README next to the CSV).
# svyglm's warning "observations with zero weight not used for calculating dispersion"
# (the respondents outside the domain of a subset() of the raked design) is muffled; any
# other warning, including rake()'s "did not converge", stops the script.
# Output columns: item, role, weighted, n, p, se, ci_low, ci_high (17 significant digits).
suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "tests/fixtures/survey/r_survey_reference.csv"

responses_file <- if (length(args) >= 2) args[2] else "tests/fixtures/survey/r_reference_responses.csv"
responses <- read.csv(responses_file, stringsAsFactors = FALSE,
                      na.strings = "", check.names = FALSE)
margins <- read.csv("data/survey/population_margins.csv", stringsAsFactors = FALSE)

wave <- responses[responses$wave == "current", ]
n <- nrow(wave)
item_cols <- grep("__(acp|pa)$", names(wave), value = TRUE)

# Margin variables as factors with the margins file's categories, in its order.
pop <- list()
for (v in c("profession", "setting")) {
  m <- margins[margins$variable == v, ]
  stopifnot(all(wave[[v]] %in% m$category), abs(sum(m$share) - 1) < 1e-6)
  wave[[v]] <- factor(wave[[v]], levels = m$category)
  pop[[v]] <- data.frame(factor(m$category, levels = m$category), Freq = m$share * n)
  names(pop[[v]])[1] <- v
}

# Agree indicator (0/1) and substantive-answer indicator for every item column.
for (col in item_cols) {
  x <- as.numeric(wave[[col]])
  stopifnot(all(is.na(x) | x %in% c(1:5, 9)))
  wave[[paste0("agree.", col)]] <- as.numeric(!is.na(x) & x %in% c(4, 5))
  wave[[paste0("answered.", col)]] <- !is.na(x) & x %in% 1:5
}

unweighted <- svydesign(ids = ~1, weights = ~1, data = wave)
options(warn = 2)   # every warning not muffled below is an error
raked <- rake(unweighted, sample.margins = list(~profession, ~setting),
              population.margins = list(pop$profession, pop$setting),
              control = list(maxit = 1000, epsilon = 1e-13, verbose = FALSE))

zero_weight_dispersion <- function(w) {
  if (grepl("observations with zero weight not used for calculating dispersion", conditionMessage(w),
            fixed = TRUE)) invokeRestart("muffleWarning")
}

estimate <- function(design, weighted, col) {
  agree <- paste0("agree.", col)
  answered <- paste0("answered.", col)
  domain <- subset(design, get(answered))
  f <- as.formula(paste0("~", agree))
  m <- svymean(f, domain)
  ci <- withCallingHandlers(attr(svyciprop(f, domain, method = "logit", level = 0.95), "ci"),
                            warning = zero_weight_dispersion)
  parts <- strsplit(col, "__", fixed = TRUE)[[1]]
  data.frame(item = parts[1], role = parts[2], weighted = weighted,
             n = sum(wave[[answered]]), p = unname(coef(m)), se = unname(SE(m)[1]),
             ci_low = unname(ci[1]), ci_high = unname(ci[2]), stringsAsFactors = FALSE)
}

rows <- list()
for (weighted in c(TRUE, FALSE)) {
  design <- if (weighted) raked else unweighted
  for (col in item_cols) {
    if (sum(wave[[paste0("answered.", col)]]) > 0) rows[[length(rows) + 1]] <- estimate(design, weighted, col)
  }
}
result <- do.call(rbind, rows)
for (k in c("p", "se", "ci_low", "ci_high")) result[[k]] <- sprintf("%.17g", result[[k]])
result$weighted <- ifelse(result$weighted, "true", "false")

con <- file(out, "w")
writeLines(sprintf("# %s; survey %s; produced by tests/reference/r_survey_reference.R",
                   R.version.string, as.character(packageVersion("survey"))), con)
write.csv(result, con, row.names = FALSE, quote = FALSE)
close(con)
