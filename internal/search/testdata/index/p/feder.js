annalsSearch.postings("feder",{"rest":54,"top":"B4E2F4C4"});
