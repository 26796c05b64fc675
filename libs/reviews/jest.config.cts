module.exports = {
  displayName: 'reviews',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/reviews',
};
