annalsSearch.postings("republ",{"rest":53,"top":"B4E2E2B2"});
