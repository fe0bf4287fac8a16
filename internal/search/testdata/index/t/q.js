annalsSearch.terms("q",[["quota",3,"GvD6Bv"]]);
