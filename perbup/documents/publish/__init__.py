"""Publication of a promulgated decree: its JDIH record, its abstract, Akoma Ntoso, the copy to publish."""
