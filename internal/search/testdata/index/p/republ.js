annalsSearch.postings("republ",{"all":"By4B","rest":53,"top":"B4E2E2B2"});
