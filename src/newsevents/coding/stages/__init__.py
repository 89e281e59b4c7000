"""The coding stages. Each is a small callable with one shape: `stage(scope, candidates) -> candidates`, where
`scope` is the `SentenceScope` of the sentence being coded and candidates are `Candidate` records."""
