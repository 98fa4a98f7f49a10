from marketplace.graphql.core.mutations import error_type

ProvenanceErrorCode, ProvenanceError = error_type("Provenance")
