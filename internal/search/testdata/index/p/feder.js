annalsSearch.postings("feder",{"all":"By2B","rest":54,"top":"B4E2F4C4"});
