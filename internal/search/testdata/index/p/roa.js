annalsSearch.postings("roa",{"rest":53,"top":"B2E2E2B2"});
