"""Records to RDF, analysis, views and serving."""
