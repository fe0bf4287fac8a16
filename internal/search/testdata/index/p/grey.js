annalsSearch.postings("grey",{"rest":54,"top":"B2B2E4E4"});
