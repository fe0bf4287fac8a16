annalsSearch.postings("roa",{"all":"By4B","rest":53,"top":"B2E2E2B2"});
