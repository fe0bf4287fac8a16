annalsSearch.postings("kf",{"all":"By2B","rest":54,"top":"B2E2C2B2"});
