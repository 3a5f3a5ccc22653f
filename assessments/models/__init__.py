"""Question banks, questions and their versions, quizzes, attempts, rubrics and
practical assessments.

Content (banks, questions, quizzes, rubrics) is edited as Wagtail snippets;
questions, quizzes and rubrics are translatable (one row per language, linked
by translation_key). Learner records (attempts, practical assessments) point at
the *original* (source-language) quiz and rubric, and keep a snapshot of what
was asked, so grading history never changes when content is edited.

Split by side: `content` (what authors write) and `records` (what learners do).
"""

from .content import (
    DATA_MODEL_VERSION,
    ChoiceBlock,
    CriterionBlock,
    DrawBlock,
    FixedQuestionBlock,
    LevelBlock,
    Question,
    QuestionBank,
    QuestionVersion,
    Quiz,
    Rubric,
)
from .records import Attempt, PracticalAssessment

__all__ = [
    "DATA_MODEL_VERSION",
    "Attempt",
    "ChoiceBlock",
    "CriterionBlock",
    "DrawBlock",
    "FixedQuestionBlock",
    "LevelBlock",
    "PracticalAssessment",
    "Question",
    "QuestionBank",
    "QuestionVersion",
    "Quiz",
    "Rubric",
]
